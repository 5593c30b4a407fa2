using System.Globalization;
using System.Text;
using QRCoder;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>
/// A QR code as inline SVG markup: QRCoder computes the modules, this draws them as one path.
/// Only presentation attributes (fill, shape-rendering), never a style attribute or element, so the
/// strict Content-Security-Policy (no 'unsafe-inline') has nothing to block. The text is encoded by
/// QRCoder, never written into the markup.
/// </summary>
public sealed class QrCodeSvg
{
    public string Render(string text, string title)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes the 4-module quiet zone
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!modules[y][x])
                {
                    continue;
                }
                var run = 1;
                while (x + run < size && modules[y][x + run])
                {
                    run++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        return $"""<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" width="{size * 5}" height="{size * 5}" role="img" aria-labelledby="qr-code-title" shape-rendering="crispEdges"><title id="qr-code-title">{System.Net.WebUtility.HtmlEncode(title)}</title><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
