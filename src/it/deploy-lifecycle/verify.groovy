// deploy ran before the "tests", the listings saw the stack, rm removed it afterwards
def stack = 'swarmit-deploy-lifecycle'
def log = new File(basedir, 'build.log').text
assert log =~ /create\s+network\s+${stack}_back/
assert log =~ /create\s+secret\s+${stack}_token/
assert log =~ /create\s+service\s+${stack}_web/
assert log.contains('Removing service ' + stack + '_web')

def services = new File(basedir, "target/swarm/${stack}-services.json").text
assert services.contains('"Name" : "' + stack + '_web"')
assert new File(basedir, "target/swarm/${stack}-ps.json").text.contains(stack + '_web.1')
assert new File(basedir, 'target/swarm/stacks.json').text.contains('"Name" : "' + stack + '"')

def left = ['docker', 'service', 'ls', '-q', '--filter', "label=com.docker.stack.namespace=${stack}"].execute()
left.waitFor()
assert left.text.trim().isEmpty() : 'swarm:rm left services behind'
true
