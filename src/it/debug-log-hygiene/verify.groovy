// mvn -X must not show a secret value, the registry password or the X-Registry-Auth header anywhere
def stack = 'swarmit-debug-log-hygiene'
def sshdPid = new File(basedir, 'target/ssh/sshd.pid')
if (sshdPid.isFile()) {
    ['kill', sshdPid.text.trim()].execute().waitFor()
}
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build did not run with -X'
assert log =~ /create\s+service\s+${stack}_app/
assert log.contains('127.0.0.1:5000/swarmtest/busybox:1@sha256:') : 'the image was not resolved through the registry'
// each request is logged, with the engine and the transport, and no more than the path
assert log =~ /\[DEBUG\] engine POST \/v1\.\d+\/secrets\/create -> 201 in \d+ ms \(ssh:\/\/swarm-it-sshd via ssh/
assert log =~ /\[DEBUG\] engine POST \/v1\.\d+\/services\/create -> 201 in \d+ ms/
assert log =~ /\[DEBUG\] engine GET \/v1\.\d+\/distribution\/127\.0\.0\.1:5000\/swarmtest\/busybox:1\/json -> 200/

def base64 = { String text -> text.bytes.encodeBase64().toString() }
def authJson = '{"username":"swarmtest","password":"swarmtest-password","serveraddress":"127.0.0.1:5000"}'
def forbidden = [
    'secret token': 'tok-Raw-9v4c2h', 'secret token in base64': base64('tok-Raw-9v4c2h'),
    'secret db_password': 'dbp-Raw-3k8w1q', 'secret db_password in base64': base64('dbp-Raw-3k8w1q'),
    'registry password': 'swarmtest-password', 'registry password in base64': base64('swarmtest-password'),
    'docker config auth': base64('swarmtest:swarmtest-password'),
    'X-Registry-Auth value': Base64.urlEncoder.encodeToString(authJson.bytes),
    'base64 of an auth JSON': 'eyJ1c2VybmFtZSI6',
]
def outputs = [('build.log'): log]
new File(basedir, 'target/swarm').eachFileRecurse { file -> if (file.isFile()) { outputs[file.path] = file.text } }
assert outputs.keySet().any { it.endsWith("${stack}-deploy.json") }
def leaks = []
outputs.each { name, text ->
    forbidden.each { what, value ->
        if (text.contains(value)) {
            leaks << "${name} contains the ${what}"
        }
    }
    if (text =~ /(?i)x-registry-auth/) {
        leaks << "${name} contains the X-Registry-Auth header"
    }
}
assert leaks.isEmpty() : leaks.join('\n')

def left = ['docker', 'service', 'ls', '-q', '--filter', "label=com.docker.stack.namespace=${stack}"].execute()
left.waitFor()
assert left.text.trim().isEmpty() : 'swarm:rm left services behind'
true
