//! Parquet in and out for `plainsight campaigns`, through arrow-rs.
//!
//! In: a file is read one row group at a time, in batches, in order; every
//! row becomes one record. The text column may be any string type
//! (`Utf8`, `LargeUtf8`, `Utf8View`, dictionary-encoded strings) or binary
//! holding UTF-8. A null text is a bad record (it gets an `error`, it is not
//! dropped). For JSON Lines output, a row becomes a JSON object: numbers and
//! booleans as themselves, strings as strings, nulls as null, everything else
//! (dates, timestamps, decimals, lists, structs) as arrow's display string.
//!
//! Out (`--parquet-out FILE`): when every input is Parquet with one schema, the
//! input's columns as they were, plus `campaign_id`, `campaign_size`,
//! `campaign_similarity` (`campaign_scan` with `--scan`) and `error`; otherwise
//! a `record` column (the input record as JSON) instead of the input's columns.
//! Snappy-compressed.
//!
//! Messages count rows from 1 and row groups from 0 (as pyarrow's
//! `read_row_group` does).

use arrow_array::builder::{Float32Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::{Map, Value};
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// Rows per batch read.
const BATCH_ROWS: usize = 4096;

/// Reads the rows of one Parquet file, in order.
pub struct ParquetReader {
    name: String,
    file: File,
    meta: ArrowReaderMetadata,
    field: String,
    text_col: usize,
    /// The next row group to open.
    next_group: usize,
    /// The open row group, its batches.
    batches: Option<parquet::arrow::arrow_reader::ParquetRecordBatchReader>,
    /// The current batch and the next row in it.
    batch: Option<(Arc<Batch>, usize)>,
    /// Row group of the current batch, rows of it before the batch.
    group: usize,
    group_row: u64,
    /// Rows returned so far.
    row: u64,
    /// Bytes of the file per row, for the progress line.
    bytes_per_row: usize,
}

/// One batch of rows, shared by the records made from it.
pub struct Batch {
    /// The rows as read.
    pub rows: RecordBatch,
    /// The text column as UTF-8 strings.
    text: arrow_array::StringArray,
}

/// One Parquet row.
pub struct PqRow {
    /// The batch it belongs to.
    pub batch: Arc<Batch>,
    /// Its index in the batch.
    pub index: usize,
    /// 1-based row number in the file.
    pub row_no: u64,
    /// 0-based row group, and 1-based row within it.
    pub group: usize,
    /// 1-based row within its row group.
    pub group_row: u64,
    /// Share of the file's bytes, for the progress line.
    pub bytes: usize,
}

fn is_text(t: &DataType) -> bool {
    match t {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

impl ParquetReader {
    /// Opens `path` (named `name` in messages) and checks that it has a text
    /// column named `field`.
    pub fn open(path: &Path, name: &str, field: &str) -> Result<ParquetReader, String> {
        let file = File::open(path).map_err(|e| format!("{name}: cannot open: {e}"))?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let meta = ArrowReaderMetadata::load(&file, Default::default()).map_err(|e| {
            format!("{name}: not a readable Parquet file ({e}); check that it is complete, or give --format for another format")
        })?;
        let schema = meta.schema().clone();
        let Some((text_col, f)) = schema.column_with_name(field) else {
            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            return Err(format!(
                "{name}: no column \"{field}\" (columns: {}); name the text column with --field",
                names.join(", ")
            ));
        };
        if !is_text(f.data_type()) {
            return Err(format!(
                "{name}: column \"{field}\" holds {}, not text; name the text column with --field",
                f.data_type()
            ));
        }
        let rows = meta.metadata().file_metadata().num_rows().max(1) as u64;
        Ok(ParquetReader {
            name: name.to_string(),
            file,
            meta,
            field: field.to_string(),
            text_col,
            next_group: 0,
            batches: None,
            batch: None,
            group: 0,
            group_row: 0,
            row: 0,
            bytes_per_row: (len / rows).max(1) as usize,
        })
    }

    /// The schema of the rows.
    pub fn schema(&self) -> SchemaRef {
        self.meta.schema().clone()
    }

    /// The next batch of the file, or `None` at its end.
    fn next_batch(&mut self) -> Result<Option<Arc<Batch>>, String> {
        loop {
            if let Some(batches) = &mut self.batches {
                match batches.next() {
                    Some(Ok(rows)) => {
                        let text = text_column(rows.column(self.text_col)).map_err(|e| {
                            format!(
                                "{}: row group {}: column \"{}\": {e}",
                                self.name, self.group, self.field
                            )
                        })?;
                        return Ok(Some(Arc::new(Batch { rows, text })));
                    }
                    Some(Err(e)) => {
                        let e = e.to_string();
                        let hint = match e.split("Disabled feature at compile time: ").nth(1) {
                            Some(codec) => format!(
                                "its pages are compressed with {}, which this build cannot read; rewrite the file with snappy, gzip, lz4 or no compression",
                                codec.trim()
                            ),
                            None => format!("cannot read ({e}); the file is damaged or truncated"),
                        };
                        return Err(format!(
                            "{}: row group {} (from row {}): {hint}",
                            self.name,
                            self.group,
                            self.row + 1
                        ));
                    }
                    None => self.batches = None,
                }
            }
            let groups = self.meta.metadata().num_row_groups();
            if self.next_group >= groups {
                return Ok(None);
            }
            let g = self.next_group;
            self.next_group += 1;
            let file = self
                .file
                .try_clone()
                .map_err(|e| format!("{}: {e}", self.name))?;
            let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(file, self.meta.clone())
                .with_row_groups(vec![g])
                .with_batch_size(BATCH_ROWS)
                .build()
                .map_err(|e| {
                    format!(
                        "{}: row group {g}: cannot read ({e}); the file is damaged or uses a feature this build cannot read",
                        self.name
                    )
                })?;
            self.batches = Some(reader);
            self.group = g;
            self.group_row = 0;
        }
    }

    /// The next row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<PqRow>, String> {
        loop {
            if let Some((batch, i)) = &mut self.batch {
                if *i < batch.rows.num_rows() {
                    let index = *i;
                    *i += 1;
                    self.row += 1;
                    self.group_row += 1;
                    return Ok(Some(PqRow {
                        batch: batch.clone(),
                        index,
                        row_no: self.row,
                        group: self.group,
                        group_row: self.group_row,
                        bytes: self.bytes_per_row,
                    }));
                }
            }
            match self.next_batch()? {
                Some(b) => self.batch = Some((b, 0)),
                None => return Ok(None),
            }
        }
    }
}

/// The text column as UTF-8 strings, whatever string or binary type it had.
fn text_column(col: &ArrayRef) -> Result<arrow_array::StringArray, String> {
    if let Some(s) = col.as_string_opt::<i32>() {
        return Ok(s.clone());
    }
    let cast = arrow_cast::cast(col, &DataType::Utf8).map_err(|e| e.to_string())?;
    Ok(cast.as_string::<i32>().clone())
}

impl PqRow {
    /// The text, or why there is none.
    pub fn text(&self, source: &str, field: &str) -> Result<&str, String> {
        let t = &self.batch.text;
        if t.is_null(self.index) {
            return Err(format!(
                "{source}: row {} (row group {}, row {} of it): \"{field}\" is null",
                self.row_no, self.group, self.group_row
            ));
        }
        Ok(t.value(self.index))
    }

    /// The row as a JSON object, in column order.
    pub fn object(&self) -> Map<String, Value> {
        let rows = &self.batch.rows;
        let schema = rows.schema();
        let mut o = Map::with_capacity(rows.num_columns());
        for (f, col) in schema.fields().iter().zip(rows.columns()) {
            o.insert(f.name().clone(), json_value(col.as_ref(), self.index));
        }
        o
    }
}

/// One value of an arrow array as JSON.
fn json_value(a: &dyn Array, i: usize) -> Value {
    if a.is_null(i) {
        return Value::Null;
    }
    macro_rules! num {
        ($t:ty) => {
            Value::from(a.as_primitive::<$t>().value(i))
        };
    }
    match a.data_type() {
        DataType::Null => Value::Null,
        DataType::Boolean => Value::Bool(a.as_boolean().value(i)),
        DataType::Int8 => num!(Int8Type),
        DataType::Int16 => num!(Int16Type),
        DataType::Int32 => num!(Int32Type),
        DataType::Int64 => num!(Int64Type),
        DataType::UInt8 => num!(UInt8Type),
        DataType::UInt16 => num!(UInt16Type),
        DataType::UInt32 => num!(UInt32Type),
        DataType::UInt64 => num!(UInt64Type),
        DataType::Float32 => float(a.as_primitive::<Float32Type>().value(i) as f64),
        DataType::Float64 => float(a.as_primitive::<Float64Type>().value(i)),
        DataType::Utf8 => Value::String(a.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Value::String(a.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Value::String(a.as_string_view().value(i).to_string()),
        _ => {
            let opts = arrow_cast::display::FormatOptions::default();
            match arrow_cast::display::ArrayFormatter::try_new(a, &opts) {
                Ok(f) => Value::String(f.value(i).to_string()),
                Err(_) => Value::Null,
            }
        }
    }
}

fn float(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// What one output row carries besides the input's columns.
pub struct Extra {
    /// Campaign id, size, similarity and (with `--scan`) score; `None` for a
    /// bad record.
    pub campaign: Option<(u32, u32, f32, Option<f32>)>,
    /// Why the record is bad.
    pub error: Option<String>,
}

/// Where the input columns of an output row come from.
pub enum Source<'a> {
    /// A Parquet row, kept with its own columns.
    Row(&'a PqRow),
    /// Any other record, kept as JSON in the `record` column.
    Json(String),
}

/// Writes the records with their campaigns to a Parquet file.
pub struct ParquetSink {
    name: String,
    writer: ArrowWriter<File>,
    schema: SchemaRef,
    /// The input's schema when its columns are kept; `None` for the `record` layout.
    input: Option<SchemaRef>,
    scan: bool,
    /// Pending rows: runs of rows of one batch (batch, first, count) or JSON records.
    runs: Vec<(Arc<Batch>, usize, usize)>,
    json: Option<StringBuilder>,
    id: Int64Builder,
    size: Int64Builder,
    similarity: Float32Builder,
    score: Float32Builder,
    error: StringBuilder,
    pending: usize,
}

impl ParquetSink {
    /// Creates `path`. `input` is the schema shared by every input when all
    /// are Parquet (their columns are kept), `None` otherwise.
    pub fn create(
        path: &Path,
        input: Option<SchemaRef>,
        scan: bool,
    ) -> Result<ParquetSink, String> {
        let name = path.display().to_string();
        let mut fields: Vec<Arc<Field>> = match &input {
            Some(s) => s
                .fields()
                .iter()
                .filter(|f| !f.name().starts_with("campaign_") && f.name() != "error")
                .cloned()
                .collect(),
            None => vec![Arc::new(Field::new("record", DataType::Utf8, false))],
        };
        fields.push(Arc::new(Field::new("campaign_id", DataType::Int64, true)));
        fields.push(Arc::new(Field::new("campaign_size", DataType::Int64, true)));
        fields.push(Arc::new(Field::new(
            "campaign_similarity",
            DataType::Float32,
            true,
        )));
        if scan {
            fields.push(Arc::new(Field::new(
                "campaign_scan",
                DataType::Float32,
                true,
            )));
        }
        fields.push(Arc::new(Field::new("error", DataType::Utf8, true)));
        let schema = Arc::new(Schema::new(fields));
        let file = File::create(path).map_err(|e| format!("{name}: cannot create: {e}"))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|e| format!("{name}: cannot write Parquet: {e}"))?;
        Ok(ParquetSink {
            name,
            writer,
            schema,
            json: input.is_none().then(StringBuilder::new),
            input,
            scan,
            runs: Vec::new(),
            id: Int64Builder::new(),
            size: Int64Builder::new(),
            similarity: Float32Builder::new(),
            score: Float32Builder::new(),
            error: StringBuilder::new(),
            pending: 0,
        })
    }

    /// Whether a Parquet row's own columns are kept (else it goes in `record`).
    pub fn keeps_columns(&self) -> bool {
        self.input.is_some()
    }

    /// Adds one output row.
    pub fn push(&mut self, source: Source, extra: Extra) -> Result<(), String> {
        match (source, &mut self.json) {
            (Source::Json(s), Some(b)) => b.append_value(s),
            (Source::Row(r), Some(b)) => b.append_value(Value::Object(r.object()).to_string()),
            (Source::Row(r), None) => match self.runs.last_mut() {
                Some((b, first, n)) if Arc::ptr_eq(b, &r.batch) && *first + *n == r.index => {
                    *n += 1
                }
                _ => self.runs.push((r.batch.clone(), r.index, 1)),
            },
            (Source::Json(_), None) => {
                return Err(format!(
                    "{}: cannot mix Parquet and other inputs when keeping columns",
                    self.name
                ))
            }
        }
        match extra.campaign {
            Some((id, size, sim, score)) => {
                self.id.append_value(id as i64);
                self.size.append_value(size as i64);
                self.similarity.append_value(sim);
                self.score.append_option(score);
            }
            None => {
                self.id.append_null();
                self.size.append_null();
                self.similarity.append_null();
                self.score.append_null();
            }
        }
        self.error.append_option(extra.error);
        self.pending += 1;
        if self.pending >= 8192 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), String> {
        if self.pending == 0 {
            return Ok(());
        }
        let mut cols: Vec<ArrayRef> = match (&mut self.json, &self.input) {
            (Some(b), _) => vec![Arc::new(b.finish())],
            (None, Some(input)) => {
                let slices: Vec<RecordBatch> = self
                    .runs
                    .drain(..)
                    .map(|(b, first, n)| b.rows.slice(first, n))
                    .collect();
                let all = arrow_select::concat::concat_batches(input, &slices)
                    .map_err(|e| format!("{}: {e}", self.name))?;
                input
                    .fields()
                    .iter()
                    .zip(all.columns())
                    .filter(|(f, _)| !f.name().starts_with("campaign_") && f.name() != "error")
                    .map(|(_, c)| c.clone())
                    .collect()
            }
            (None, None) => Vec::new(),
        };
        cols.push(Arc::new(self.id.finish()));
        cols.push(Arc::new(self.size.finish()));
        cols.push(Arc::new(self.similarity.finish()));
        let score = self.score.finish();
        if self.scan {
            cols.push(Arc::new(score));
        }
        cols.push(Arc::new(self.error.finish()));
        let batch = RecordBatch::try_new(self.schema.clone(), cols)
            .map_err(|e| format!("{}: {e}", self.name))?;
        self.writer
            .write(&batch)
            .map_err(|e| format!("{}: cannot write Parquet: {e}", self.name))?;
        self.pending = 0;
        Ok(())
    }

    /// Writes what is pending and the file's footer.
    pub fn finish(mut self) -> Result<(), String> {
        self.flush()?;
        self.writer
            .close()
            .map(|_| ())
            .map_err(|e| format!("{}: cannot write Parquet: {e}", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Int64Array, StringArray};

    fn write(path: &Path, texts: &[Option<&str>], groups: usize) {
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("text", DataType::Utf8, true),
        ]));
        let props = WriterProperties::builder()
            .set_max_row_group_size(texts.len().div_ceil(groups))
            .build();
        let mut w =
            ArrowWriter::try_new(File::create(path).unwrap(), schema.clone(), Some(props)).unwrap();
        let ids: Vec<i64> = (0..texts.len() as i64).collect();
        let b = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(Int64Array::from(ids)),
                Arc::new(StringArray::from(texts.to_vec())),
            ],
        )
        .unwrap();
        w.write(&b).unwrap();
        w.close().unwrap();
    }

    #[test]
    fn rows_in_order_across_row_groups_and_nulls_say_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.parquet");
        let texts: Vec<Option<String>> = (0..10)
            .map(|i| (i != 7).then(|| format!("post {i}")))
            .collect();
        let texts: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        write(&path, &texts, 3);
        let mut r = ParquetReader::open(&path, "a.parquet", "text").unwrap();
        let mut seen = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            assert_eq!(row.object()["id"], Value::from(row.row_no as i64 - 1));
            seen.push(row.text("a.parquet", "text").map(str::to_string));
        }
        assert_eq!(seen.len(), 10);
        assert_eq!(seen[3].as_deref(), Ok("post 3"));
        let e = seen[7].clone().unwrap_err();
        assert!(e.contains("row 8 (row group 1, row 4 of it)"), "{e}");
        let e = ParquetReader::open(&path, "a.parquet", "body")
            .err()
            .unwrap();
        assert!(e.contains("no column \"body\" (columns: id, text)"), "{e}");
        let e = ParquetReader::open(&path, "a.parquet", "id").err().unwrap();
        assert!(e.contains("holds Int64, not text"), "{e}");
        std::fs::write(dir.path().join("bad.parquet"), b"PAR1 nothing").unwrap();
        let e = ParquetReader::open(&dir.path().join("bad.parquet"), "bad.parquet", "text")
            .err()
            .unwrap();
        assert!(
            e.starts_with("bad.parquet: not a readable Parquet file"),
            "{e}"
        );
    }
}
