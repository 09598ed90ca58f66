"""The overview page (总览)."""
