using System.Security.Cryptography;
using System.Text;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>
/// Identity's user store, except that recovery codes are kept as hashes: Identity stores them as
/// plain text, so a copy of the database would sign its reader in past the second factor. A code has
/// about 50 bits of randomness, so each hash is salted with the account's id (unique, never reused).
/// Counting and redeeming work on the hashes unchanged.
/// </summary>
public sealed class RecoveryCodeHashingUserStore(MepCmsDbContext db, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, MepCmsDbContext, string>(db, describer)
{
    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(code => Hash(user, code)), cancellationToken);

    public override Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken = default) =>
        base.RedeemCodeAsync(user, Hash(user, code), cancellationToken);

    private static string Hash(AppUser user, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}:{code}")));
}
