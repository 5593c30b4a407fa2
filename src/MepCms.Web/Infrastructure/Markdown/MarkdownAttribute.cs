using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Infrastructure.Markdown;

/// <summary>
/// Form validation for a Markdown field: a body the renderer would refuse (too long, nested too
/// deeply) becomes a message next to the field instead of an exception at save time.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MarkdownAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string markdown)
        {
            return ValidationResult.Success;
        }
        var renderer = (IMarkdownRenderer?)validationContext.GetService(typeof(IMarkdownRenderer)) ?? new MarkdownRenderer();
        var rendering = renderer.TryRender(markdown);
        return rendering.Error is null
            ? ValidationResult.Success
            : new ValidationResult(rendering.Error, validationContext.MemberName is { } member ? [member] : null);
    }
}
