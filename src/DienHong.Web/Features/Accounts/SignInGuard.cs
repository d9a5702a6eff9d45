using DienHong.Data;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Accounts;

/// <summary>
/// Failed sign-ins of one account name from one client address. Five in a row lock that name
/// for that address only: someone guessing cannot lock the administrator out everywhere.
/// </summary>
public class SignInFailure
{
    public required string UserName { get; set; }
    public required string Address { get; set; }
    public int Count { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime LastAt { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.HasKey(f => new { f.UserName, f.Address });
        failure.Property(f => f.UserName).HasMaxLength(TextLimits.Name);
        failure.Property(f => f.Address).HasMaxLength(TextLimits.Code);
    }
}

/// <summary>
/// Signs people in (the sign-in page and the API alike): the password is checked only while the
/// name is not locked for this address, and every failure says the same thing, so the answer never
/// tells whether an account exists or is locked.
/// </summary>
public sealed class SignInGuard(SignInManager<AppUser> signIn, DienHongDbContext db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);
    public const string FailureMessage = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do đăng nhập sai nhiều lần (hãy thử lại sau 15 phút).";

    public async Task<bool> SignInAsync(string? userName, string? password, string address, CancellationToken cancellationToken = default)
    {
        var name = signIn.UserManager.NormalizeName(userName ?? string.Empty) ?? string.Empty;
        var now = clock.GetUtcNow().UtcDateTime;
        var failure = await db.SignInFailures.FindAsync([name, address], cancellationToken);
        if (failure?.LockedUntil > now)
        {
            return false;
        }

        var user = name.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(name);
        if (user is not null && (await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: false)).Succeeded)
        {
            if (failure is not null)
            {
                db.SignInFailures.Remove(failure);
                await db.SaveChangesAsync(cancellationToken);
            }

            await signIn.SignInAsync(user, isPersistent: false);
            return true;
        }

        // Unknown names count too: locking behaves the same whether the account exists or not.
        if (failure is null)
        {
            failure = new SignInFailure { UserName = name[..Math.Min(name.Length, TextLimits.Name)], Address = address };
            db.SignInFailures.Add(failure);
        }

        failure.Count = failure.LockedUntil is null ? failure.Count + 1 : 1;
        failure.LockedUntil = failure.Count >= MaxFailures ? now + LockFor : null;
        failure.LastAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two failures at once from the same address: one of them is counted, which is enough.
        }

        return false;
    }

    /// <summary>An administrator's "unlock": forgets the failures of that name from every address.</summary>
    public async Task ForgetFailuresAsync(string userName, CancellationToken cancellationToken = default)
    {
        var name = signIn.UserManager.NormalizeName(userName);
        await db.SignInFailures.Where(f => f.UserName == name).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Names currently locked for some address, for the accounts page.</summary>
    public async Task<HashSet<string>> LockedNamesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. await db.SignInFailures.Where(f => f.LockedUntil > now).Select(f => f.UserName).Distinct().ToListAsync(cancellationToken)];
    }
}
