using Microsoft.AspNetCore.Identity;

namespace DxRoadmap.Web.Security;

/// <summary>Identity's validation messages in Japanese (those an administrator can meet).</summary>
internal sealed class JapaneseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"パスワードは{length}文字以上にしてください。" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"パスワードには{uniqueChars}種類以上の文字を使ってください。" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"ユーザー名「{userName}」は既に使われています。" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"ユーザー名「{userName}」は使えません (半角英数字と - . _ @ + のみ)。" };

    public override IdentityError InvalidRoleName(string? role) =>
        new() { Code = nameof(InvalidRoleName), Description = $"ロール「{role}」はありません。" };

    public override IdentityError UserAlreadyInRole(string role) =>
        new() { Code = nameof(UserAlreadyInRole), Description = $"既にロール「{role}」が付いています。" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "他の操作と競合しました。もう一度お試しください。" };
}
