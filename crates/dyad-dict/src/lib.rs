//! dyad's dictionary engine (being written).
