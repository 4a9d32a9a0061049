-- Room on each page of posts for a changed row to stay there (issue 12). A reaction rewrites its
-- post's row (reaction_count); with full pages 42 % of those updates at 1M posts moved the row, which
-- writes every index of posts again, the search index's whole GIN entry list included. With 10 %
-- of each page kept free, the new version stays on its page and no index is touched (a HOT update).
-- Applies to pages filled from now on; a VACUUM FULL would repack older ones.
ALTER TABLE posts SET (fillfactor = 90);
