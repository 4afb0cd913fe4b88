# Sourced by bench/record.sh and bench/fhir.sh: their comparison in the same run, pgbench's transaction of one
# single-row read of a table of N rows and one single-row insert of the size of a logged event, synchronous commit.
# Needs pg() and ECARE_TEST_DB_USER/PGPASSWORD from the caller.
#   pgbench_read_insert PEOPLE CLIENTS SECONDS WORKDIR   # prints the transactions a second
pgbench_read_insert() {
  local people="$1" clients="$2" seconds="$3" work="$4"
  pg -c "create table if not exists bench_pg_person (id int primary key, payload text)" >&2
  if [ "$(pg -tAc 'select count(*) from bench_pg_person')" != "$people" ]; then
    pg -c "truncate bench_pg_person; insert into bench_pg_person select g, repeat('p', 200) from generate_series(1, $people) g" >&2
  fi
  pg -c "drop table if exists bench_pg_log; create table bench_pg_log (id bigserial primary key, person int, payload text)" >&2
  cat > "$work/read-insert.sql" <<SQL
\set id random(1, $people)
BEGIN;
SELECT payload FROM bench_pg_person WHERE id = :id;
INSERT INTO bench_pg_log (person, payload) VALUES (:id, repeat('x', 450));
END;
SQL
  pgbench -n -h localhost -U "$ECARE_TEST_DB_USER" -c "$clients" -j 2 -T "$seconds" -f "$work/read-insert.sql" \
    ecare_test | awk '/^tps/ {print $3}'
  pg -c "drop table bench_pg_log" >&2
}
