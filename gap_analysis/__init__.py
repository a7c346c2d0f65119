"""Resource inventory and gap analysis (CTC phase 3)."""
