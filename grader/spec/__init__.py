"""Exercise specs, loaded in two layers: `raw` (YAML plus lines), then `loader` (validated)."""
