"""EDGAR ownership XML: read an ownershipDocument into a `Filing`, write one back."""

from extractor.edgar.xml_read import read_ownership_file, read_ownership_xml
from extractor.edgar.xml_write import filing_to_xml

__all__ = ["filing_to_xml", "read_ownership_file", "read_ownership_xml"]
