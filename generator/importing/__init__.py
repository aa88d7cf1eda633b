"""`gongkai import`: a department's form (Excel, Word, PDF, web-page text) → one filing in the content format.

Readers (one per file format, each through the library made for it) turn a file into a
`SourceDocument`: tables of located cells and paragraphs, in reading order. Recognition
then finds tables by what their header cells say, never by which form they came from.
"""
