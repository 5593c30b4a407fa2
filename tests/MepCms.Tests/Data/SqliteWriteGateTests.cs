using MepCms.Tests.Support;
using MepCms.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Data;

public sealed class SqliteWriteGateTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task On_sqlite_a_second_writer_waits_until_the_first_passes_its_turn_on()
    {
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        await app.WithDbAsync(async db =>
        {
            var first = await gate.EnterAsync(db, CancellationToken.None);
            var second = gate.EnterAsync(db, CancellationToken.None).AsTask();
            await Task.Delay(50);
            Assert.NotNull(first);
            Assert.False(second.IsCompleted, "the second writer went ahead while the first held its turn");

            first.Dispose();
            first.Dispose(); // a second dispose does not open the gate for a third writer
            (await second.WaitAsync(TimeSpan.FromSeconds(5)))!.Dispose();
            var third = await gate.EnterAsync(db, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            third!.Dispose();
        });
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_leaves_no_turn_behind()
    {
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        await app.WithDbAsync(async db =>
        {
            using var cancel = new CancellationTokenSource();
            var holder = await gate.EnterAsync(db, CancellationToken.None);
            var waiting = gate.EnterAsync(db, cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            holder!.Dispose();

            (await gate.EnterAsync(db, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))!.Dispose();
        });
    }
}
