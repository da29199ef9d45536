# A learner's session, replayed on two fresh clusters by DeterminismTest: every line is typed as is.
kubectl apply -f seed-web.yaml
kubectl get pods -o wide
kubectl get svc
kubectl get endpointslices
kubectl exec client -- curl -s http://web
kubectl exec client -- curl -s http://web
kubectl exec client -- curl -sv http://web-nodeport
kubectl exec client -- dig web.default.svc.cluster.local
kubectl exec client -- nslookup web-lb
curl -s http://172.18.0.3:30080/
curl -s http://172.18.0.4:30080/
curl -s --resolve web.example.com:80:172.18.255.200 http://web.example.com/
kubectl scale deployment web --replicas=5
kubectl get pods
kubectl exec client -- curl -s http://web
kubectl delete pod client
kubectl get events
kubectl describe svc web
kubectl debug node/worker -it --image=busybox -- wget -qO- http://172.18.0.4:30080/
kubectl get all -A -o yaml
