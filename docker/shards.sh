#!/bin/sh
# The `worker` and `merge` services of docker-compose.yml. `docker compose up --scale worker=N` runs
# N replicas of `worker`, each sending one shard of the same input, all sharing one rate limit in
# the `redis` service; `docker compose run --rm merge` then joins the shards into one results.csv,
# retry.csv and summary.json. A replica learns its number (1..N) from its container name, which
# Compose ends in -worker-<n> (_worker_<n> with docker-compose v1), by a reverse lookup of its own
# address. SHARDS must equal N (both default to 3).
set -eu
shards="${SHARDS:-3}"
out="${OUT:-/data/runs/compose}"
case "${1:-worker}" in
  worker)
    name=$(getent hosts "$(hostname -i | cut -d' ' -f1)" | awk '{ print $2 }')
    index=$(echo "$name" | sed -nE 's/.*[-_]worker[-_]([0-9]+).*/\1/p')
    if [ -z "$index" ]; then
      echo "shards.sh: cannot tell which worker this is from the container name '$name'" >&2
      exit 1
    fi
    # RUN_FLAGS is split into words on purpose (e.g. "--rate 20 --action remove").
    # shellcheck disable=SC2086
    exec node /app/dist/cli/index.js run "${INPUT:-/data/input/sample.csv}" --shard "$index/$shards" \
      --out "$out/shard-$index" --progress false ${RUN_FLAGS:-}
    ;;
  merge)
    set --
    i=1
    while [ "$i" -le "$shards" ]; do
      set -- "$@" "$out/shard-$i"
      i=$((i + 1))
    done
    exec node /app/dist/cli/index.js merge "$@" --out "$out/merged"
    ;;
  *)
    echo "shards.sh: worker or merge, not '$1'" >&2
    exit 1
    ;;
esac
