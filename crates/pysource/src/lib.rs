//! A model of Python source code: classes, protocols, functions and their signatures.
