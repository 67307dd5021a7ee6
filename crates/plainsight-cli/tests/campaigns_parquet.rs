//! `plainsight campaigns` with Parquet in and out: every row in order, a null
//! text kept as a bad record, the input's columns kept, one-line errors.
#![cfg(feature = "parquet")]

mod common;
use common::{json_lines, run};

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int64Type};
use arrow_array::{Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

const STORY: &str = "At 81 the retired quiz show host finally admits the truth about the letter \
he hid in his piano for forty years and why his daughter cried when she found it";
const OTHER: &str = "Volunteers planted two hundred oak saplings along the river path on Saturday \
morning and the town library will host a talk about local birds next week";

fn disguise(s: &str) -> String {
    s.replace('n', "п").replace('u', "υ")
}

/// Writes `id` and `text` columns, two rows per row group.
fn write(path: &Path, texts: &[Option<String>]) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("text", DataType::Utf8, true),
    ]));
    let props = WriterProperties::builder()
        .set_max_row_group_size(2)
        .build();
    let mut w =
        ArrowWriter::try_new(File::create(path).unwrap(), schema.clone(), Some(props)).unwrap();
    let ids: Vec<i64> = (10..10 + texts.len() as i64).collect();
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

fn read(path: &Path) -> RecordBatch {
    let r = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = r.map(Result::unwrap).collect();
    arrow_select::concat::concat_batches(&batches[0].schema(), &batches).unwrap()
}

fn texts() -> Vec<Option<String>> {
    vec![
        Some(STORY.into()),
        Some(OTHER.into()),
        Some(disguise(STORY)),
        None,
        Some(disguise(OTHER)),
    ]
}

#[test]
fn parquet_rows_in_order_with_their_campaigns() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("posts.parquet");
    write(&p, &texts());
    let o = run(&["campaigns", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2), "a null text is a bad record");
    let out = json_lines(&o);
    assert_eq!(out.len(), 5, "no row lost");
    let ids: Vec<i64> = out.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [10, 11, 12, 13, 14], "order kept across row groups");
    assert_eq!(out[0]["campaign"]["id"], 0);
    assert_eq!(out[2]["campaign"]["id"], 0, "the disguised copy joins");
    assert_eq!(out[4]["campaign"]["id"], 1);
    assert_eq!(out[2]["text"], disguise(STORY), "the text as it was");
    let err = out[3]["error"].as_str().unwrap();
    assert!(
        err.contains("row 4 (row group 1, row 2 of it): \"text\" is null"),
        "{err}"
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn parquet_out_keeps_the_input_columns() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("posts.parquet");
    let out = dir.path().join("out.parquet");
    write(&p, &texts());
    let o = run(
        &[
            "campaigns",
            p.to_str().unwrap(),
            "--parquet-out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let b = read(&out);
    let names: Vec<&str> = b
        .schema_ref()
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "text",
            "campaign_id",
            "campaign_size",
            "campaign_similarity",
            "error"
        ]
    );
    assert_eq!(b.num_rows(), 5);
    let id = b.column(0).as_primitive::<Int64Type>();
    assert_eq!(id.values().to_vec(), [10, 11, 12, 13, 14]);
    let camp = b.column(2).as_primitive::<Int64Type>();
    assert_eq!(camp.value(0), 0);
    assert_eq!(camp.value(2), 0);
    assert_eq!(camp.value(4), 1);
    assert!(camp.is_null(3));
    let size = b.column(3).as_primitive::<Int64Type>();
    assert_eq!(size.value(0), 2);
    let sim = b.column(4).as_primitive::<Float32Type>();
    assert_eq!(sim.value(2), 1.0);
    let err = b.column(5).as_string::<i32>();
    assert!(err.is_null(0) && err.value(3).contains("is null"));
}

#[test]
fn json_lines_to_parquet_keeps_each_record_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.parquet");
    let input = format!(
        "{}\n{}\nnot json\n",
        serde_json::json!({"id": "a", "text": STORY}),
        serde_json::json!({"id": "b", "text": disguise(STORY)}),
    );
    let o = run(
        &["campaigns", "--parquet-out", out.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    let b = read(&out);
    assert_eq!(b.num_rows(), 3);
    let rec = b.column(0).as_string::<i32>();
    let first: serde_json::Value = serde_json::from_str(rec.value(0)).unwrap();
    assert_eq!(first["id"], "a");
    assert_eq!(rec.value(2), "not json");
    let camp = b.column(1).as_primitive::<Int64Type>();
    assert_eq!((camp.value(0), camp.value(1)), (0, 0));
    assert!(camp.is_null(2));
}

#[test]
fn bad_parquet_is_one_line_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("posts.parquet");
    write(&p, &texts());
    let bytes = std::fs::read(&p).unwrap();
    // a file cut short loses its footer
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let o = run(&["campaigns", cut.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cut.parquet: not a readable Parquet file"),
        "{err}"
    );
    // a damaged page: the row group is named
    let mut bad = bytes.clone();
    for b in &mut bad[8..40] {
        *b ^= 0x5A;
    }
    let dam = dir.path().join("damaged.parquet");
    std::fs::write(&dam, &bad).unwrap();
    let o = run(&["campaigns", dam.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("damaged.parquet: row group 0"), "{err}");
    // no such column
    let o = run(&["campaigns", "--field", "body", p.to_str().unwrap()], b"");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("no column \"body\" (columns: id, text); name the text column with --field"),
        "{err}"
    );
}
