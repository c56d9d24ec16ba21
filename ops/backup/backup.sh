#!/bin/sh
# The backup service (docker-compose.yml): a pg_dump of the portal's database every
# BACKUP_INTERVAL_HOURS, kept BACKUP_KEEP_DAYS days in BACKUP_DIR. README.md, "Backups",
# says how to restore one; tests/deployment/test_backup.py dumps with this script,
# restores into a fresh database and serves a page from it.
#
#   backup.sh          dump now, then every BACKUP_INTERVAL_HOURS (the service)
#   backup.sh --once   dump now and exit (by hand: docker compose run --rm backup --once)
#
# DATABASE_URL (postgres://user:password@host:port/name) says which database.
set -eu

: "${DATABASE_URL:?set DATABASE_URL}"
BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
BACKUP_INTERVAL_HOURS=${BACKUP_INTERVAL_HOURS:-24}

case "$BACKUP_KEEP_DAYS$BACKUP_INTERVAL_HOURS" in
    *[!0-9]*) echo "backup: BACKUP_KEEP_DAYS and BACKUP_INTERVAL_HOURS are whole numbers" >&2; exit 2 ;;
esac
if [ "$BACKUP_KEEP_DAYS" -lt 1 ] || [ "$BACKUP_INTERVAL_HOURS" -lt 1 ]; then
    echo "backup: BACKUP_KEEP_DAYS and BACKUP_INTERVAL_HOURS must be at least 1" >&2
    exit 2
fi

log() {
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) backup: $*"
}

# One dump: written under a temporary name and renamed only once pg_restore can read its
# table of contents, so a file named rkkp-*.dump is always a whole dump.
dump() {
    target="$BACKUP_DIR/rkkp-$(date -u +%Y%m%dT%H%M%SZ).dump"
    pg_dump --dbname="$DATABASE_URL" --format=custom --no-owner --no-privileges \
        --file="$target.partial" || return 1
    pg_restore --list "$target.partial" >/dev/null || return 1
    mv "$target.partial" "$target" || return 1
    log "wrote $target ($(wc -c <"$target") bytes)"
}

# Dumps older than BACKUP_KEEP_DAYS days, and leftovers of interrupted dumps, go. Only
# after a new dump succeeded: a failing pg_dump never leaves the volume empty.
prune() {
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'rkkp-*.dump' \
        -mtime +"$((BACKUP_KEEP_DAYS - 1))" -print | while read -r old; do
        rm -f -- "$old" && log "removed $old"
    done
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'rkkp-*.partial' -mmin +1440 -exec rm -f -- {} +
}

run_once() {
    mkdir -p "$BACKUP_DIR"
    if dump; then
        prune
    else
        rm -f -- "$BACKUP_DIR"/rkkp-*.partial
        log "FAILED: pg_dump could not write a dump" >&2
        return 1
    fi
}

if [ "${1:-}" = "--once" ]; then
    run_once
    exit
fi
trap 'log "stopping"; exit 0' TERM INT
while :; do
    run_once || true
    # In the background, so a stop signal is handled at once rather than after the sleep.
    sleep "$((BACKUP_INTERVAL_HOURS * 3600))" &
    wait $!
done
