"""Figures in spreadsheets: reading CSV and Excel files, checking and importing them as one
transaction, fill-in forms for each owner, and exports that import back unchanged."""
