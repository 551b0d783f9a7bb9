-- Applications refused, per 不予公开 / 无法提供 reason, summed over the selected counted reports
-- (refusal_reason_shares, 总计 column); a reason no report printed sums to NULL.
SELECT s.reason, sum(s.count)::BIGINT AS applications, count(s.count) AS reports
FROM refusal_reason_shares s
JOIN audit_selection USING (report_id)
GROUP BY s.reason
ORDER BY applications DESC NULLS LAST, s.reason;
