// The settings that pick what to deploy come from -D first; the others only fill in what the pom leaves unset.
def log = new File(basedir, 'build.log').text
def output = new File(basedir, 'target/swarm/out.yml')

assert log.contains("Wrote stack 'staging' to ${output}") : '-Dswarm.stack wins over <stackName>'
assert output.text.contains('- staging') : '-Dswarm.composeFiles wins over <composeFiles>'
assert !output.text.contains('production')
assert !new File(basedir, 'target/ignored.yml').exists() : '<outputFile> wins over -Dswarm.outputFile, a default only'
