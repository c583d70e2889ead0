#!/usr/bin/env bash
# A tour of the ShipJoy API: a warehouse is set up and stocked, an order is placed, backordered, allocated, picked,
# packed, shipped, delivered and returned, another is cancelled, and auditors, dashboards and operators look on.
# Each step prints the request and the answer and checks the answer's status (and the figures the comment promises):
# the tour stops at the first answer that differs, so it cannot drift from the system unnoticed (TourTest runs it).
#
#   docs/tour.sh [base-url]    (default http://127.0.0.1:8080: start the system first, see the README)
#
# Needs bash and curl. Every id of a run ends in $RUN (default: the time), so the tour can run again on the same data
# without meeting the ids of an earlier run. Users: the development users (password = name).
set -euo pipefail

U=${1:-http://127.0.0.1:8080}
RUN=${RUN:-$(date +%s)}
WH=WH-$RUN SKU=MUG-$RUN CUSTOMER=C-$RUN WORKER=ann-$RUN
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# call STATUS USER METHOD PATH [BODY] [more curl arguments]: prints the request and the answer, keeps the answer in
# BODY and the newest X-Event-Position (a command's) in POSITION, and stops the tour when the status is not STATUS.
call() {
    local expected=$1 user=$2 method=$3 path=$4 body=${5-}
    shift $(($# < 5 ? $# : 5))
    local data=()
    [[ -n $body ]] && data=(-H 'Content-Type: application/json' --data-binary "$body")
    printf '\n$ curl -u %s:%s -X %s %s%s' "$user" "$user" "$method" "$U" "$path"
    [[ -n $body ]] && printf " -H 'Content-Type: application/json' -d '%s'" "$body"
    (($#)) && printf ' %s' "$@"
    printf '\n'
    # a stream's answer never ends: curl's timeout (28) ends it, the status is what counts
    STATUS=$(curl -sS -u "$user:$user" -X "$method" "${data[@]}" "$@" -D "$WORK/headers" -o "$WORK/body" \
        -w '%{http_code}' "$U$path") || [[ $? == 28 ]]
    BODY=$(cat "$WORK/body")
    local position replayed
    position=$(sed -n 's/^X-Event-Position: *\([0-9]*\).*/\1/ip' "$WORK/headers")
    replayed=$(grep -i '^Idempotent-Replayed' "$WORK/headers" | tr -d '\r' || true)
    POSITION=${position:-${POSITION-}}
    echo "HTTP $STATUS${position:+  X-Event-Position: $position}${replayed:+  $replayed}"
    echo "$BODY"
    if [[ $STATUS != "$expected" ]]; then
        echo "tour: expected HTTP $expected from $method $path, got $STATUS" >&2
        exit 1
    fi
}

# expect TEXT...: each TEXT must be in the last answer (compact JSON, as the API writes it).
expect() {
    local text
    for text in "$@"; do
        if [[ $BODY != *"$text"* ]]; then
            echo "tour: expected $text in the answer" >&2
            exit 1
        fi
    done
}

# field NAME: the first string or number field NAME of the last answer.
field() {
    grep -o "\"$1\":\(\"[^\"]*\"\|[-0-9.]*\)" <<<"$BODY" | head -1 | sed 's/^"[^"]*"://; s/^"//; s/"$//'
}

section() {
    printf '\n\n### %s\n' "$*"
}

section "A warehouse with two bins (every warehouse also gets OUTBOUND, the staging location), and a worker"
call 201 warehouse POST /api/warehouses "{\"warehouseId\":\"$WH\",\"name\":\"Main\",\"locations\":[\"A-01\",\"A-02\"]}"
call 201 warehouse POST /api/warehouses/$WH/workers "{\"workerId\":\"$WORKER\",\"name\":\"Ann\"}"
call 200 agent GET "/api/warehouses/$WH?minPosition=$POSITION"
expect '"locations":["A-01","A-02","OUTBOUND"]' "\"workerId\":\"$WORKER\""

section "Goods in: 10 mugs into A-01. The same receiptId again stores nothing (200), other content under it is 409"
RECEIPT="{\"receiptId\":\"R-$RUN\",\"reference\":\"PO-77\",\"lines\":[{\"sku\":\"$SKU\",\"quantity\":10,\"location\":\"A-01\"}]}"
call 201 warehouse POST /api/warehouses/$WH/receipts "$RECEIPT"
expect "\"receiptId\":\"R-$RUN\""
call 200 warehouse POST /api/warehouses/$WH/receipts "$RECEIPT"
call 409 warehouse POST /api/warehouses/$WH/receipts "${RECEIPT/\"quantity\":10/\"quantity\":11}"

section "Move 3 to A-02 with an Idempotency-Key: a retry with the same key and body gets the first answer, moves nothing"
MOVE="{\"sku\":\"$SKU\",\"quantity\":3,\"from\":\"A-01\",\"to\":\"A-02\"}"
call 200 warehouse POST /api/warehouses/$WH/moves "$MOVE" -H "Idempotency-Key: move-$RUN"
call 200 warehouse POST /api/warehouses/$WH/moves "$MOVE" -H "Idempotency-Key: move-$RUN"

section "A cycle count finds 6 in A-01 where 7 were expected: variance -1"
call 200 warehouse POST /api/warehouses/$WH/counts \
    "{\"sku\":\"$SKU\",\"location\":\"A-01\",\"countedQuantity\":6,\"reason\":\"cycle count\"}"
expect '"variance":-1'

section "Read your own writes: minPosition waits until the read model has the count (X-Event-Position $POSITION)"
call 200 agent GET "/api/inventory/$SKU?minPosition=$POSITION"
expect '"onHand":9' '"available":9' '{"location":"A-01","quantity":6}' '{"location":"A-02","quantity":3}'
call 200 viewer GET "/api/inventory?warehouseId=$WH&maxAvailable=9"   # low stock: at most 9 available
expect "\"sku\":\"$SKU\""

section "The stock ledger (JSON, paged; CSV for spreadsheets) and stock as of an instant, taken from the ledger"
call 200 auditor GET "/api/inventory/$SKU/movements"
expect '"type":"RECEIVED"' '"type":"MOVED"' '"type":"ADJUSTED"'
RECEIVED_AT=$(field timestamp)   # the first entry: the receipt
call 200 auditor GET "/api/inventory/$SKU/movements?format=csv"
call 200 auditor GET "/api/inventory/$SKU/as-of?at=$RECEIVED_AT"   # replayed from the event store, not a read model
expect '"onHand":10' '"eventsReplayed":1'

section "The consistency audit: every read-model level against the event store"
call 200 auditor GET "/api/audit/inventory-consistency"
expect '"mismatches":[]'

section "A channel places an order for 12: 9 are reserved at once, 3 wait for stock (BACKORDERED)"
O="\"customer\":{\"customerId\":\"$CUSTOMER\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},\
\"shipTo\":{\"name\":\"Ada Lovelace\",\"line1\":\"1 Analytical Way\",\"city\":\"London\",\"postalCode\":\"N1\",\"country\":\"GB\"}"
ORDER_REQUEST="{\"channel\":\"webshop\",\"externalOrderId\":\"WS-$RUN\",$O,\
\"lines\":[{\"sku\":\"$SKU\",\"quantity\":12,\"unitPrice\":\"9.99\",\"currency\":\"EUR\"}]}"
call 201 channel POST /api/orders "$ORDER_REQUEST"
expect '"status":"BACKORDERED"'
ORDER=$(field orderId)
# The same request again (a retry) is 200 with the same orderId and stores nothing; other content is 409
call 200 channel POST /api/orders "$ORDER_REQUEST"
expect "\"orderId\":\"$ORDER\""
call 409 channel POST /api/orders "${ORDER_REQUEST/\"quantity\":12/\"quantity\":13}"

section "Customer service: the order, search, the backorder queue, the customer's orders"
call 200 agent GET "/api/orders/$ORDER?minPosition=$POSITION"
expect '"allocated":9' '"backordered":3'
call 200 agent GET "/api/orders?channel=webshop&customerId=$CUSTOMER&status=BACKORDERED"
expect "\"orderId\":\"$ORDER\""
call 200 agent GET "/api/backorders?sku=$SKU"
expect "\"orderId\":\"$ORDER\"" '"quantity":3'
call 200 agent GET "/api/customers/$CUSTOMER/orders"
expect '"total":1'

section "New stock serves waiting orders oldest first before the receipt is answered: the order is ALLOCATED"
call 201 warehouse POST /api/warehouses/$WH/receipts \
    "{\"reference\":\"PO-78\",\"lines\":[{\"sku\":\"$SKU\",\"quantity\":5,\"location\":\"A-01\"}]}"
call 200 agent GET "/api/orders/$ORDER?minPosition=$POSITION"
expect '"status":"ALLOCATED"' '"allocated":12' '"backordered":0'

section "Fully allocated, the order is released to the warehouse: one shipment, a pick task per bin (walking order)"
call 200 warehouse GET "/api/tasks?warehouseId=$WH&status=OPEN&minPosition=$POSITION"
expect '"total":2'
SHIPMENT=$(field shipmentId)
call 200 warehouse GET "/api/shipments/$SHIPMENT"
expect '"status":"RELEASED"'

section "The worker takes the next task (oldest order first, then by location) and picks what it asks: to OUTBOUND"
for _ in 1 2; do
    call 200 warehouse POST /api/warehouses/$WH/tasks/next "{\"workerId\":\"$WORKER\"}"
    expect '"status":"ASSIGNED"'
    TASK=$(field taskId) LOCATION=$(field location) QUANTITY=$(field quantity)
    call 200 warehouse POST /api/tasks/$TASK/confirm \
        "{\"workerId\":\"$WORKER\",\"location\":\"$LOCATION\",\"quantity\":$QUANTITY}"
done
call 204 warehouse POST /api/warehouses/$WH/tasks/next "{\"workerId\":\"$WORKER\"}"   # nothing left to pick

section "Pack exactly what was picked (else 409), ship (the units leave the warehouse), confirm delivery"
call 200 warehouse POST /api/shipments/$SHIPMENT/pack \
    "{\"cartons\":[{\"cartonId\":\"BOX-$RUN\",\"weightGrams\":4800,\"lines\":[{\"sku\":\"$SKU\",\"quantity\":12}]}]}"
call 200 warehouse POST /api/shipments/$SHIPMENT/ship '{"carrier":"DHL","trackingNumber":"JD0001"}'
call 200 warehouse POST /api/orders/$ORDER/delivered '{}'
call 200 agent GET "/api/orders/$ORDER?minPosition=$POSITION"
expect '"status":"DELIVERED"' '"shipped":12' '"carrier":"DHL"'

section "A return of 2 for a refund; received, the sellable one goes back into stock, the damaged one is written off"
call 201 agent POST /api/orders/$ORDER/returns \
    "{\"rmaId\":\"RMA-$RUN\",\"lines\":[{\"sku\":\"$SKU\",\"quantity\":2}],\"reason\":\"arrived chipped\",\"resolution\":\"REFUND\"}"
call 200 warehouse POST /api/returns/RMA-$RUN/receipt "{\"warehouseId\":\"$WH\",\"lines\":[\
{\"sku\":\"$SKU\",\"quantity\":1,\"condition\":\"SELLABLE\",\"location\":\"A-01\"},\
{\"sku\":\"$SKU\",\"quantity\":1,\"condition\":\"DAMAGED\",\"location\":\"A-01\"}]}"
call 200 agent GET "/api/returns/RMA-$RUN?minPosition=$POSITION"
expect '"status":"RECEIVED"' '"condition":"DAMAGED"'
call 200 agent GET "/api/orders/$ORDER?minPosition=$POSITION"   # RETURNED once every shipped unit is back
expect '"status":"DELIVERED"' '"returned":2'
call 200 warehouse GET "/api/inventory/$SKU?minPosition=$POSITION"
expect '"onHand":3'   # 14 received and counted, 12 shipped, 1 back

section "The order's history: every event of the order, its shipment, tasks and return, each with its actor"
call 200 agent GET "/api/orders/$ORDER/history"
expect '"type":"OrderPlaced"' '"type":"OrderBackordered"' '"type":"ShipmentReleased"' '"type":"ShipmentShipped"' \
    '"type":"ReturnReceived"' '"actor":"channel"' '"actor":"warehouse"'

section "A second order, cancelled by customer service: every reservation is released"
call 201 channel POST /api/orders "{\"channel\":\"webshop\",\"externalOrderId\":\"WS-$RUN-2\",$O,\
\"lines\":[{\"sku\":\"$SKU\",\"quantity\":2,\"unitPrice\":\"9.99\",\"currency\":\"EUR\"}]}"
expect '"status":"ALLOCATED"'
SECOND=$(field orderId)
call 200 agent POST /api/orders/$SECOND/cancel '{"reason":"customer changed their mind"}'
call 200 agent GET "/api/inventory/$SKU?minPosition=$POSITION"
expect '"reserved":0' '"available":3'

section "Dashboards: labor and the KPI document of today (UTC)"
call 200 viewer GET "/api/kpis/labor?warehouseId=$WH"
expect "\"workerId\":\"$WORKER\"" '"unitsPicked":12'
call 200 viewer GET "/api/kpis?warehouseId=$WH"
expect '"ordersShipped":1'

section "Bad input changes nothing and says why: a fraction where a whole number belongs"
call 400 warehouse POST /api/warehouses/$WH/moves "{\"sku\":\"$SKU\",\"quantity\":1.5,\"from\":\"A-01\",\"to\":\"A-02\"}"
expect '"field":"quantity"'

section "Live streams (Server-Sent Events): the order now, then each change (the tour stops listening after 2 s)"
call 200 viewer GET "/api/streams/orders?orderId=$ORDER" "" --max-time 2 -N
expect "\"orderId\":\"$ORDER\""

section "Operations: the read models' state, then a rebuild without downtime (202): queries keep answering meanwhile"
call 200 auditor GET /api/admin/projections
call 202 admin POST /api/admin/projections/returns/replay
for _ in $(seq 1 60); do
    call 200 auditor GET /api/admin/projections >/dev/null
    [[ $BODY == *'"name":"returns","status":"LIVE"'* ]] && break
    sleep 0.5
done
call 200 agent GET "/api/returns/RMA-$RUN"   # the rebuilt copy answers the same
expect '"status":"RECEIVED"'

printf '\n\ntour: every step answered as described\n'
