import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # connector tests share connector_cases
