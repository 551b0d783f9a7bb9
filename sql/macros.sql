-- Formulas written once, used by every mart and analysis that shows them (a macro, so the same
-- formula serves one report's row and a sum over many reports). Any NULL operand gives NULL: a
-- blank cell is never read as 0; a denominator of 0 gives NULL.

-- Share of the applications processed that were disclosed, fully or in part (table 3, 总计).
CREATE OR REPLACE MACRO disclosure_rate(granted, partially_granted, processed) AS
    (granted + partially_granted) / nullif(processed, 0);
