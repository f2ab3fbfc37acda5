# TOKEN: the X-Subject-Token response header of IAM POST /v3/auth/tokens
ENDPOINT=https://sms.ap-southeast-3.myhuaweicloud.com   # or http://127.0.0.1:4010 for the local mock
TASK=7a9a9540-ff28-4869-b9e4-855fbe12xxxx

# start, stop, test, restart, network_check, clear, skip, migration_test
curl -X POST "$ENDPOINT/v3/tasks/$TASK/action" \
  -H "X-Auth-Token: $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"operation": "start"}'

# options: switch_hce (Linux tasks only) and is_need_consistency_check, both default false
curl -X POST "$ENDPOINT/v3/tasks/$TASK/action" \
  -H "X-Auth-Token: $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"operation": "restart", "is_need_consistency_check": true}'

# clone_test needs a template_id
curl -X POST "$ENDPOINT/v3/tasks/$TASK/action" \
  -H "X-Auth-Token: $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"operation": "clone_test", "template_id": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx0001"}'
