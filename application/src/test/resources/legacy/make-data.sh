#!/bin/bash
# Makes a data directory with every kind of event, through the HTTP API of the build under test.
set -e
U=${U:-http://127.0.0.1:18080}; H='Content-Type: application/json'
W="-u warehouse:warehouse"; A="-u agent:agent"; C="-u channel:channel"
post() { curl -sf "$@"; echo; }
O='"customer":{"customerId":"LG-C","name":"Leg Acy","email":"leg@example.com"},"shipTo":{"name":"Leg Acy","line1":"1 Old Road","city":"Bath","postalCode":"BA1","country":"GB"}'
order() { curl -sf $C -H "$H" $U/api/orders -d "{\"channel\":\"legacy\",\"externalOrderId\":\"$1\",$O,\"lines\":[{\"sku\":\"$2\",\"quantity\":$3,\"unitPrice\":\"5.00\",\"currency\":\"EUR\"}]}" | jq -r .orderId; }
next() { curl -sf $W -H "$H" $U/api/warehouses/$1/tasks/next -d "{\"workerId\":\"$2\"}"; }
confirm() { curl -sf $W -H "$H" $U/api/tasks/$(echo "$1" | jq -r .taskId)/confirm -d "{\"workerId\":\"$2\",\"location\":\"$(echo "$1" | jq -r .location)\",\"quantity\":$3}" >/dev/null; }
shipit() { # shipment sku units tracking
  post $W -H "$H" $U/api/shipments/$1/pack -d "{\"cartons\":[{\"cartonId\":\"BOX-$4\",\"weightGrams\":500,\"lines\":[{\"sku\":\"$2\",\"quantity\":$3}]}]}"
  post $W -H "$H" $U/api/shipments/$1/ship -d "{\"carrier\":\"DHL\",\"trackingNumber\":\"$4\"}"; }
post $W -H "$H" $U/api/warehouses -d '{"warehouseId":"LG-WH1","name":"Old main","locations":["A-01","A-02"]}'
post $W -H "$H" $U/api/warehouses -d '{"warehouseId":"LG-WH2","name":"Old second","locations":["B-01"]}'
post $W -H "$H" $U/api/warehouses/LG-WH1/workers -d '{"workerId":"lee","name":"Lee"}'
post $W -H "$H" $U/api/warehouses/LG-WH2/workers -d '{"workerId":"lou","name":"Lou"}'
post $W -H "$H" $U/api/warehouses/LG-WH1/receipts -d '{"receiptId":"LG-R1","reference":"PO-1","lines":[{"sku":"LG-MUG","quantity":10,"location":"A-01"},{"sku":"LG-TEE","quantity":3,"location":"A-02"}]}'
post $W -H "$H" $U/api/warehouses/LG-WH2/receipts -d '{"receiptId":"LG-R2","reference":"PO-2","lines":[{"sku":"LG-MUG","quantity":2,"location":"B-01"}]}'
post $W -H "$H" $U/api/warehouses/LG-WH1/moves -d '{"sku":"LG-MUG","quantity":2,"from":"A-01","to":"A-02"}'
post $W -H "$H" $U/api/warehouses/LG-WH1/counts -d '{"sku":"LG-TEE","location":"A-02","countedQuantity":4,"reason":"found one"}'
# O1: picked, packed, shipped, delivered, half returned (one sellable, one damaged)
O1=$(order LG-1 LG-MUG 3); T=$(next LG-WH1 lee); confirm "$T" lee 3; S1=$(echo "$T" | jq -r .shipmentId)
shipit $S1 LG-MUG 3 LG-T1
post $W -H "$H" $U/api/orders/$O1/delivered -d '{}'
post $A -H "$H" $U/api/orders/$O1/returns -d '{"rmaId":"LG-RMA-1","lines":[{"sku":"LG-MUG","quantity":2}],"reason":"chipped","resolution":"REFUND"}'
post $W -H "$H" $U/api/returns/LG-RMA-1/receipt -d '{"warehouseId":"LG-WH1","lines":[{"sku":"LG-MUG","quantity":1,"condition":"SELLABLE","location":"A-01"},{"sku":"LG-MUG","quantity":1,"condition":"DAMAGED","location":"A-01"}]}'
# O2: a short pick (1 of 2 found): the bin is adjusted, the shortfall re-allocated or backordered
O2=$(order LG-2 LG-TEE 2); T=$(next LG-WH1 lee); confirm "$T" lee 1
# O5: shipped from WH2, returned for an exchange
O5=$(order LG-5 LG-MUG 1); curl -sf $A $U/api/orders/$O5 > /dev/null
T=$(next LG-WH1 lee)
confirm "$T" lee 1; shipit $(echo "$T" | jq -r .shipmentId) LG-MUG 1 LG-T5
post $A -H "$H" $U/api/orders/$O5/returns -d '{"rmaId":"LG-RMA-2","lines":[{"sku":"LG-MUG","quantity":1}],"reason":"wrong colour","resolution":"EXCHANGE","exchangeLines":[{"sku":"LG-TEE","quantity":1}]}'
post $W -H "$H" $U/api/returns/LG-RMA-2/receipt -d '{"warehouseId":"LG-WH1","lines":[{"sku":"LG-MUG","quantity":1,"condition":"SELLABLE","location":"A-02"}]}'
# O3: backordered; O4: cancelled
O3=$(order LG-3 LG-MUG 30)
O4=$(order LG-4 LG-MUG 1); post $A -H "$H" $U/api/orders/$O4/cancel -d '{"reason":"changed mind"}'
echo "O1=$O1 O2=$O2 O3=$O3 O4=$O4 O5=$O5"
