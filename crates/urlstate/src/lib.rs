//! Routes and permalinks: every piece of page state lives in the URL hash.
