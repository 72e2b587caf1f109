"""dxqa: cited answers from Japanese municipal DX guidance, offline."""

__version__ = "0.1.0"
