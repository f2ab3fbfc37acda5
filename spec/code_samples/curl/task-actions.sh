# TOKEN: the X-Subject-Token response header of IAM POST /v3/auth/tokens
curl -X POST "https://sms.ap-southeast-3.myhuaweicloud.com/v3/tasks/7a9a9540-ff28-4869-b9e4-855fbe12xxxx/action" \
  -H "X-Auth-Token: $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"operation": "start"}'

# clone_test needs a template_id; other operations: stop, test, restart, network_check, clear, skip, migration_test
curl -X POST "https://sms.ap-southeast-3.myhuaweicloud.com/v3/tasks/7a9a9540-ff28-4869-b9e4-855fbe12xxxx/action" \
  -H "X-Auth-Token: $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"operation": "clone_test", "template_id": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxx0001"}'
