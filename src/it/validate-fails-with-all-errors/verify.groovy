// One failed build names every error of the pom and the compose file, each with its pom element or
// file:line:col: those found while loading (a bad duration) and those of the checks after it (networks).
def log = new File(basedir, 'build.log').text

def expected = [
    '<services><service>[1]: <service> has no <name>',
    '<services><service>api</service><deploy><replicas>: this value is also set at <services><service>api</service><replicas>',
    "<services><service>api</service><ports>[2]: invalid port '8081:http'",
    "<services><service>api</service><stopGracePeriod>: stop_grace_period: invalid duration '90'",
    "src/main/swarm/stack.yml:8:19: memory: invalid size 'lots'",
    "<services><service>api</service><networks>[2]: service api uses network 'nowhere', which is not declared",
    '<networks><network>lan</network>: network lan is a bridge network',
]
def missing = expected.findAll { !log.contains(it) }
assert missing.isEmpty() : "build.log lacks ${missing}"
assert log.contains('The stack definition has 7 errors:')
assert !log.contains('at dev.swarmstack') : 'a user error shows no stack trace'
