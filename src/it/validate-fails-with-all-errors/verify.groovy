// One failed build names every error with its pom element or file:line:col.
def log = new File(basedir, 'build.log').text

def expected = [
    '<services><service>[1]: <service> has no <name>',
    '<services><service>api</service><deploy><replicas>: this value is also set at <services><service>api</service><replicas>',
    '<services><service>api</service><ports>[2]',
    '<services><service>api</service><stopGracePeriod>',
    '<services><service>api</service><networks>[1]',
    'src/main/swarm/stack.yml:8:',
]
def missing = expected.findAll { !log.contains(it) }
assert missing.isEmpty() : "build.log lacks ${missing}"
assert log.contains('The stack definition has ')
assert !log.contains('\tat dev.swarmstack') : 'no stack trace for a user error'
