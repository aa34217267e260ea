//! The messages between the app and the Pyodide worker.
