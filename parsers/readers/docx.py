"""PDF placeholder."""
from . import ReadError
def read(data): raise ReadError("todo")
