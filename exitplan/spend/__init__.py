"""Current cloud spend, read from the cost exports teams already have (FOCUS, AWS CUR and
Cost Explorer, Azure cost exports, Google Cloud billing exports; CSV, gzip, JSON, Parquet),
as a value the plan and the scenario comparison can set the target's run cost against."""

from .model import Average, Basis, FileRead, Gap, Line, Spend
from .reader import ALL_FORMATS, read_spend

__all__ = ["ALL_FORMATS", "Average", "Basis", "FileRead", "Gap", "Line", "Spend", "read_spend"]
