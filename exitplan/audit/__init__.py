"""Reading exit plans as auditors meet them: exitplan's own plan.json, hand-written
Markdown and Word documents, each read into one document model (`document`), and the
parts of an exit plan recognised in it by their headings (`parts`). Judging what is read
is the audit's next step, not this package's."""
