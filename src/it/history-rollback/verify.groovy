// two deploys, a rollback to the first, the history seen from another checkout, then rm took the history along
def stack = 'swarmit-history'
def log = new File(basedir, 'build.log').text
assert log.contains("Recorded revision 1 of stack ${stack} (converged)")
assert log.contains("Recorded revision 2 of stack ${stack} (converged)")
// the diff against revision 1, before the rollback: web's environment and secret go back
assert log =~ /update\s+service\s+${stack}_web \(changed: /
assert log.contains("Rolling stack ${stack} back to revision 1 (1.0, deployed ")
assert log.contains("Recorded revision 3 of stack ${stack} (converged)")
// the other checkout's history table lists all three, the third as the rollback
assert log =~ /REVISION\s+DEPLOYED\s+OUTCOME\s+VERSION\s+COMMIT\s+BY\s+DESCRIPTION/
assert log =~ /\n\[INFO\] 3\s+\S+\s+converged\s+1\.0\s+.*rollback to 1 \(${stack}_web\)/
def history = new File(basedir, "other-checkout/target/swarm/${stack}-history.json").text
assert history.contains('"restoredFrom" : 1')
// rm removed the stack's history with it
def left = ['docker', 'config', 'ls', '-q', '--filter', "label=dev.swarmstack.history.stack=${stack}"].execute()
left.waitFor()
assert left.text.trim().isEmpty() : 'swarm:rm left the history behind'
true
