//! Small presentational components shared by the pages.

pub mod engine_status;
pub mod output;
pub mod prose;
pub mod run_bar;
pub mod site_header;
