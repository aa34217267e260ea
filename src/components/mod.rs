//! Small presentational components shared by the pages.

pub mod engine_status;
pub mod exercise_feedback;
pub mod exercise_panel;
pub mod offline_status;
pub mod output;
pub mod presenter_bar;
pub mod prose;
pub mod qr_code;
pub mod run_bar;
pub mod site_header;
