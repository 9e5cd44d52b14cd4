using Microsoft.ML;
using Microsoft.ML.Data;

namespace OpenVerify.ML;

/// <summary>A data view of one row whose cells are tensors (a receipt's inputs), typed by the model's input schema.</summary>
internal sealed class TensorRowDataView : IDataView
{
    private readonly Delegate[] _getters;

    public TensorRowDataView(DataViewSchema modelInputs, TensorSet inputs)
    {
        var builder = new DataViewSchema.Builder();
        var getters = new List<Delegate>();
        foreach (var (name, tensor) in inputs.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var column = modelInputs.GetColumnOrNull(name)
                ?? throw new ModelInputException($"The model has no input column '{name}'. Its input columns are: {string.Join(", ", modelInputs.Where(c => !c.IsHidden).Select(c => c.Name))}.");
            builder.AddColumn(name, column.Type, column.Annotations);
            getters.Add(RowTensors.Getter(name, column.Type, tensor));
        }

        Schema = builder.ToSchema();
        _getters = [.. getters];
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => 1;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(TensorRowDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext() => ++_position == 0;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            view._getters[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"The column '{column.Name}' is not of type {typeof(TValue).Name}.");
    }
}
