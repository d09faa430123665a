using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DxRoadmap.Web.Mail;

/// <summary>Hands one message on; returns where it went (server or file) for the sent-log. Throws when it could not.</summary>
public interface IMailTransport
{
    Task<string> SendAsync(OutgoingMail mail, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The city's SMTP server through MailKit: host, port, STARTTLS and an optional login from <see cref="SmtpOptions"/>.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<string> SendAsync(OutgoingMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None,
            cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp://{smtp.Host}:{smtp.Port}";
    }
}

/// <summary>No server configured: each message becomes an .eml file any mail program opens.</summary>
public sealed class PickupDirectoryTransport(MailDirectory directory) : IMailTransport
{
    public async Task<string> SendAsync(OutgoingMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory.Path);
        var name = $"{mail.CreatedAt:yyyyMMdd-HHmmss}-{mail.Id:D6}-{mail.Kind}.eml";
        var path = System.IO.Path.Combine(directory.Path, name);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return name;
    }
}

/// <summary>The resolved folder for .eml files.</summary>
public sealed record MailDirectory(string Path);
