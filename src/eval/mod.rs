//! Evaluation of the extraction stages on the public datasets in `../shared/data`
//! (see its README for sources and licences). Each evaluation reads the dataset,
//! runs the pipeline library, and returns a report that prints as a markdown table;
//! `newsextract eval ...` runs them, and with `--check` fails below a floor set a few
//! points under the recorded results (`EVALUATION.md`), which CI uses to catch
//! regressions.

pub mod conll;
pub mod html;
pub mod polnear;
pub mod timebank;
