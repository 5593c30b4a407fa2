using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MepCms.Web.Data.Sqlite;

/// <summary>The writer's SQL, with table and column names taken from the EF Core model.</summary>
internal sealed record RatingStatementSql(string FindScore, string UpdateScore, string InsertRating, string UpdateAggregate)
{
    public IReadOnlyList<string> All => [FindScore, UpdateScore, InsertRating, UpdateAggregate];

    public static RatingStatementSql For(IModel model)
    {
        var rating = model.FindEntityType(typeof(Rating))!;
        var statement = model.FindEntityType(typeof(Statement))!;
        string Table(IEntityType type) => Quote(type.GetTableName()!);
        string Column(IEntityType type, string property) => Quote(type.FindProperty(property)!.GetColumnName());
        var (ratings, statements) = (Table(rating), Table(statement));
        var (ratingStatement, hash, score) = (Column(rating, nameof(Rating.StatementId)), Column(rating, nameof(Rating.VisitorHash)), Column(rating, nameof(Rating.Score)));
        var (created, updated) = (Column(rating, nameof(Rating.CreatedAt)), Column(rating, nameof(Rating.UpdatedAt)));
        var (id, count, sum) = (Column(statement, nameof(Statement.Id)), Column(statement, nameof(Statement.RatingCount)), Column(statement, nameof(Statement.RatingSum)));
        return new RatingStatementSql(
            $"SELECT {score} FROM {ratings} WHERE {ratingStatement} = $statement AND {hash} = $hash",
            $"UPDATE {ratings} SET {score} = $score, {updated} = $now WHERE {ratingStatement} = $statement AND {hash} = $hash",
            $"INSERT INTO {ratings} ({ratingStatement}, {hash}, {score}, {created}, {updated}) VALUES ($statement, $hash, $score, $now, $now)",
            $"UPDATE {statements} SET {count} = {count} + $count, {sum} = {sum} + $sum WHERE {id} = $statement RETURNING {count}, {sum}");
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The writer's connection and its commands, prepared once and reused for every vote.</summary>
internal sealed class RatingStatements : IDisposable
{
    private readonly SqliteCommand _findScore;
    private readonly SqliteCommand _updateScore;
    private readonly SqliteCommand _insertRating;
    private readonly SqliteCommand _updateAggregate;

    public SqliteConnection Connection { get; }

    public RatingStatements(SqliteConnection connection, RatingStatementSql sql)
    {
        Connection = connection;
        _findScore = Command(sql.FindScore, "$statement", "$hash");
        _updateScore = Command(sql.UpdateScore, "$statement", "$hash", "$score", "$now");
        _insertRating = Command(sql.InsertRating, "$statement", "$hash", "$score", "$now");
        _updateAggregate = Command(sql.UpdateAggregate, "$statement", "$count", "$sum");
    }

    private SqliteCommand Command(string text, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _findScore.Transaction = _updateScore.Transaction = _insertRating.Transaction = _updateAggregate.Transaction = transaction;
    }

    public int? FindScore(int statementId, string visitorHash)
    {
        _findScore.Parameters[0].Value = statementId;
        _findScore.Parameters[1].Value = visitorHash;
        return _findScore.ExecuteScalar() is long score ? (int)score : null;
    }

    public void UpdateScore(int statementId, string visitorHash, int score, DateTime now) =>
        Run(_updateScore, statementId, visitorHash, score, now);

    public void InsertRating(int statementId, string visitorHash, int score, DateTime now) =>
        Run(_insertRating, statementId, visitorHash, score, now);

    private static void Run(SqliteCommand command, int statementId, string visitorHash, int score, DateTime now)
    {
        command.Parameters[0].Value = statementId;
        command.Parameters[1].Value = visitorHash;
        command.Parameters[2].Value = score;
        command.Parameters[3].Value = now;
        command.ExecuteNonQuery();
    }

    /// <summary>The statement's totals after the change; null when it no longer exists.</summary>
    public RatingSummary? UpdateAggregate(int statementId, int count, long sum)
    {
        _updateAggregate.Parameters[0].Value = statementId;
        _updateAggregate.Parameters[1].Value = count;
        _updateAggregate.Parameters[2].Value = sum;
        using var reader = _updateAggregate.ExecuteReader();
        return reader.Read() ? new RatingSummary(reader.GetInt32(0), reader.GetInt64(1)) : null;
    }

    public void Dispose()
    {
        _findScore.Dispose();
        _updateScore.Dispose();
        _insertRating.Dispose();
        _updateAggregate.Dispose();
        Connection.Dispose();
    }
}
