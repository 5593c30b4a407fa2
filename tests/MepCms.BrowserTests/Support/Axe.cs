using System.Text.Json;
using Microsoft.Playwright;

namespace MepCms.BrowserTests.Support;

/// <summary>axe-core, vendored from npm into vendor/axe-core, injected into the page under test.</summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vendor", "axe-core", "axe.min.js")));

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document);
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
        }
        """;

    /// <summary>The serious and critical violations on the page, one readable line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        var violations = await page.EvaluateAsync<JsonElement>(RunAxe);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
