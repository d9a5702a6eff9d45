using System.Text;
using DienHong.Features.Text;

namespace DienHong.Tests.Text;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Hội nghị tiếp xúc cử tri", "hoi nghi tiep xuc cu tri")]
    [InlineData("Điện Biên", "dien bien")]
    [InlineData("ĐOÀN ĐẠI BIỂU QUỐC HỘI", "doan dai bieu quoc hoi")]
    [InlineData("  Ủy   ban\tnhân dân ", "uy ban nhan dan")]
    public void Fold_removes_marks_lowers_case_and_turns_d_stroke_into_d(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));

    [Fact]
    public void Fold_equates_NFC_NFD_and_both_tone_placements()
    {
        var nfc = "Ủy ban hòa giải".Normalize(NormalizationForm.FormC);
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.Equal(VietnameseText.Fold(nfc), VietnameseText.Fold(nfd));
        Assert.Equal(VietnameseText.Fold("Uỷ ban hoà giải"), VietnameseText.Fold(nfc));
    }

    [Fact]
    public void Nfc_composes_decomposed_input()
    {
        var nfd = "Hà Nội".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Hà Nội", nfd);
        Assert.Equal("Hà Nội", VietnameseText.Nfc(nfd));
    }

    [Fact]
    public void Person_names_sort_by_given_name_in_Vietnamese_alphabetical_order()
    {
        string[] names = ["Phan Viết Lượng", "Nguyễn Tuấn Anh", "Điêu Huỳnh Sang", "Trần Văn Đức", "Lê Thị Dung", "Hoàng Ân"];
        var sorted = names.Order(VietnameseText.PersonNameOrder).ToArray();
        // Vietnamese order: a < â (Anh < Ân), d < đ (Dung < Đức).
        Assert.Equal(["Nguyễn Tuấn Anh", "Hoàng Ân", "Lê Thị Dung", "Trần Văn Đức", "Phan Viết Lượng", "Điêu Huỳnh Sang"], sorted);
    }

    [Fact]
    public void Vietnam_time_is_seven_hours_ahead_of_UTC()
    {
        var utc = new DateTime(2021, 11, 19, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal("19/11/2021 8h00", VietnamTime.Format(utc));
        Assert.Equal(utc, VietnamTime.ToUtc(new DateTime(2021, 11, 19, 8, 0, 0)));
    }
}
