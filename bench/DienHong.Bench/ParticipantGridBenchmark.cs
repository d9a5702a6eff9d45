using DienHong.Data;
using DienHong.Features.Localization;
using DienHong.Features.Participants;
using DienHong.Features.Participants.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace DienHong.Bench;

/// <summary>
/// The participants tab of a meeting with 2,000 people, rendered to HTML by Blazor's renderer
/// (what the server does before a circuit sends the page): target ≤ 300 ms. Baseline: a bare
/// table of the same 2,000 people (name, title, site) rendered by the same renderer.
/// </summary>
internal sealed class ParticipantGridBenchmark : IBenchmark
{
    public string Name => "grid";

    public async Task RunAsync(BenchOptions options)
    {
        var people = options.Smoke ? 200 : 2_000;
        var meeting = LargeMeeting.Create(sites: 63, participants: people);
        var services = new ServiceCollection()
            .AddLogging()
            .AddDienHongLocalization()
            .AddSingleton<IJSRuntime, NoJavaScript>()
            .BuildServiceProvider();
        await using var db = new DienHongDbContext(new DbContextOptionsBuilder<DienHongDbContext>().UseSqlite("Data Source=:memory:").Options);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());

        string Render<TComponent>(Dictionary<string, object?> parameters)
            where TComponent : IComponent =>
            renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString()).GetAwaiter().GetResult();

        var tabParameters = new Dictionary<string, object?> { ["Meeting"] = meeting, ["Db"] = db, ["Organizations"] = Array.Empty<Features.Organizations.Organization>() };
        var html = Render<ParticipantsTab>(tabParameters);
        if (!html.Contains(meeting.Participants[0].PersonName!, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The tab did not render its people.");
        }

        var tab = Measurement.Of(() => Render<ParticipantsTab>(tabParameters), options.Runs);
        var bare = Measurement.Of(() => Render<BareTable>(new() { ["People"] = meeting.Participants }), options.Runs);
        Measurement.Report($"Participants tab of {people:N0} people (QuickGrid, sorted, first page of 50), rendered", tab, bare, $"a bare table of all {people:N0}", TimeSpan.FromMilliseconds(300), html.Length);
    }

    /// <summary>The baseline: every person in a plain table, no grid.</summary>
    private sealed class BareTable : ComponentBase
    {
        [Parameter] public List<Participant> People { get; set; } = [];

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "table");
            foreach (var person in People)
            {
                builder.OpenElement(1, "tr");
                builder.OpenElement(2, "td");
                builder.AddContent(3, person.PersonName);
                builder.CloseElement();
                builder.OpenElement(4, "td");
                builder.AddContent(5, person.Title);
                builder.CloseElement();
                builder.OpenElement(6, "td");
                builder.AddContent(7, person.Site?.Name);
                builder.CloseElement();
                builder.OpenElement(8, "td");
                builder.AddContent(9, Labels.Of(person.Role));
                builder.CloseElement();
                builder.CloseElement();
            }

            builder.CloseElement();
        }
    }

    /// <summary>Static rendering runs no script; the grid only calls it after rendering in a browser.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }
}
