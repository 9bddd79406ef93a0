// Maven's configurator would stop at the first mistake with "Cannot find 'replica' in class ...ServiceConfig";
// the plugin's explains each at its element, together with the stack's other errors, in one failure.
def log = new File(basedir, 'build.log').text

def expected = [
    'The stack definition has 3 errors:',
    '<services><service>api</service><replica>: unknown element <replica>: did you mean <replicas>?',
    "<services><service>web</service><replicas>: 'two' is not a whole number: write it in digits, e.g. <replicas>3</replicas>",
    "<services><service>web</service><networks>[1]: service web uses network 'nowhere', which is not declared",
    '[WARNING] Unknown property -Dswarm.timout: did you mean -Dswarm.timeout?',
]
def missing = expected.findAll { !log.contains(it) }
assert missing.isEmpty() : "build.log lacks ${missing}"
assert !log.contains('Cannot find') && !log.contains('Cannot convert') : "Maven's own message is not shown"
assert !log.contains('at dev.swarmstack') : 'a user error shows no stack trace'
