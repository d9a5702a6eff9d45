using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Pictures = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace DienHong.Features.Drafting;

/// <summary>A PNG placed inline in a paragraph (the QR codes on invitations and backdrops).</summary>
public static class DocxImage
{
    private const long EmuPerCentimetre = 360000;

    /// <summary>A QR code as a PNG: error correction M, 6 pixels per module, a quiet zone around it.</summary>
    public static byte[] QrPng(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        return new QRCoder.PngByteQRCode(generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M)).GetGraphic(6);
    }

    public static Run InlinePng(MainDocumentPart main, byte[] png, double sizeCm, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var content = new MemoryStream(png))
        {
            part.FeedData(content);
        }

        var relationship = main.GetIdOfPart(part);
        var size = (long)(sizeCm * EmuPerCentimetre);
        var name = $"qr{id}.png";
        var inline = new Wp.Inline(
            new Wp.Extent { Cx = size, Cy = size },
            new Wp.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Wp.DocProperties { Id = id, Name = name },
            new Wp.NonVisualGraphicFrameDrawingProperties(new Drawing.GraphicFrameLocks { NoChangeAspect = true }),
            new Drawing.Graphic(new Drawing.GraphicData(
                new Pictures.Picture(
                    new Pictures.NonVisualPictureProperties(new Pictures.NonVisualDrawingProperties { Id = 0U, Name = name }, new Pictures.NonVisualPictureDrawingProperties()),
                    new Pictures.BlipFill(new Drawing.Blip { Embed = relationship }, new Drawing.Stretch(new Drawing.FillRectangle())),
                    new Pictures.ShapeProperties(
                        new Drawing.Transform2D(new Drawing.Offset { X = 0, Y = 0 }, new Drawing.Extents { Cx = size, Cy = size }),
                        new Drawing.PresetGeometry(new Drawing.AdjustValueList()) { Preset = Drawing.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Run(new DocumentFormat.OpenXml.Wordprocessing.Drawing(inline));
    }
}
