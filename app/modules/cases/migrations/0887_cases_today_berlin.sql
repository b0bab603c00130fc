-- "Today" for case work is the calendar day in Germany (Europe/Berlin), as the application computes it
-- (kernel/dates.ts todayBerlin), not the database server's day. Between midnight in Berlin and midnight
-- UTC the two differed: a consent given "today" (Berlin) counted as starting tomorrow in SQL, so a
-- referral made right after it was refused for lack of a valid consent (found by the browser test at
-- 00:33 Berlin time). app.today (the tests' fake clock) still wins.
CREATE OR REPLACE FUNCTION app_case_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.today', true), '')::date, (now() AT TIME ZONE 'Europe/Berlin')::date)
$$;
