"""The six stage assets (plus the decisions table converted_code writes beside itself)."""
