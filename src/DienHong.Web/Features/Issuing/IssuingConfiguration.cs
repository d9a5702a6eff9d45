using DienHong.Data;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Issuing;

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> document)
    {
        document.Property(d => d.Symbol).HasMaxLength(TextLimits.Short);
        document.Property(d => d.Title).HasMaxLength(TextLimits.Line);
        document.Property(d => d.IssuedBy).HasMaxLength(TextLimits.Name);
        document.Property(d => d.FileName).HasMaxLength(TextLimits.Name);
        document.Property(d => d.ContentType).HasMaxLength(TextLimits.Short);
        document.Property(d => d.Wording).HasMaxLength(TextLimits.Long * 8);
        document.HasOne(d => d.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
        // Issued documents are never deleted, so neither is a meeting that issued them (it is cancelled instead).
        document.HasOne(d => d.Meeting).WithMany().OnDelete(DeleteBehavior.Restrict);
        // The register: a number is given once per organization, kind and year; versions share it.
        document.HasIndex(d => new { d.OrganizationId, d.Kind, d.Year, d.Number, d.Version }).IsUnique();
        // Kinds numbered in one book (minutes and counting records, "BB") never share a symbol.
        document.HasIndex(d => new { d.OrganizationId, d.Year, d.Symbol, d.Version }).IsUnique();
        document.HasIndex(d => d.MeetingId);
    }
}

internal sealed class OrganizationTemplateConfiguration : IEntityTypeConfiguration<OrganizationTemplate>
{
    public void Configure(EntityTypeBuilder<OrganizationTemplate> template)
    {
        template.HasIndex(t => t.OrganizationId).IsUnique();
        template.HasOne(t => t.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
        template.Property(t => t.ParentBodyName).HasMaxLength(TextLimits.Name).KeepsLineBreaks();
        template.Property(t => t.IssuingBodyName).HasMaxLength(TextLimits.Name).KeepsLineBreaks();
        template.Property(t => t.BodySymbol).HasMaxLength(TextLimits.Code);
        template.Property(t => t.DraftingUnitSymbol).HasMaxLength(TextLimits.Code);
        template.Property(t => t.Place).HasMaxLength(TextLimits.Short);
        template.Property(t => t.SignerName).HasMaxLength(TextLimits.Short);
        template.Property(t => t.SignerTitle).HasMaxLength(TextLimits.Name);
        template.Property(t => t.SignerOnBehalfOf).HasMaxLength(TextLimits.Name);
        template.Property(t => t.SignerCollective).HasMaxLength(TextLimits.Name);
        template.Property(t => t.ArchiveLine).HasMaxLength(TextLimits.Name);
        template.Property(t => t.ContactLine).HasMaxLength(TextLimits.Line);
        template.Property(t => t.ActingBodyName).HasMaxLength(TextLimits.Name);
    }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> template)
    {
        template.HasOne(t => t.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
        template.Property(t => t.Source).HasMaxLength(TextLimits.Long * 8);
        template.Property(t => t.UpdatedBy).HasMaxLength(TextLimits.Name);
        template.HasIndex(t => new { t.OrganizationId, t.Kind, t.MeetingKind }).IsUnique();
    }
}

internal sealed class RegisterStartConfiguration : IEntityTypeConfiguration<RegisterStart>
{
    public void Configure(EntityTypeBuilder<RegisterStart> start)
    {
        start.HasOne(s => s.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
        start.HasIndex(s => new { s.OrganizationId, s.Kind, s.Year }).IsUnique();
    }
}

internal sealed class MeetingReferenceConfiguration : IEntityTypeConfiguration<MeetingReference>
{
    public void Configure(EntityTypeBuilder<MeetingReference> reference)
    {
        reference.HasOne(r => r.Meeting).WithMany(m => m.References).OnDelete(DeleteBehavior.Cascade);
        reference.Property(r => r.Number).HasMaxLength(TextLimits.Short);
        reference.Property(r => r.Issuer).HasMaxLength(TextLimits.Name);
        reference.Property(r => r.Summary).HasMaxLength(TextLimits.Line);
        reference.Property(r => r.Concerns).HasMaxLength(TextLimits.Line);
    }
}
