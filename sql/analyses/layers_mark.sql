-- Which version of the SQL layers (staging, marts) built the warehouse's views: a hash of their text.
SELECT value FROM xxgk_meta WHERE key = 'layers'
