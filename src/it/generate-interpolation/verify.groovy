def checks = evaluate(new File(itSources, '_shared/StackChecks.groovy'))
def result = checks.checkGenerated(basedir, localRepositoryPath, 'generate-interpolation', 'interp')

def config = result.config
assert config.contains('image: registry.example.com/app:cli')
assert config.contains('FROM_PROJECT: project')
assert config.contains('FROM_ENV: env')
assert config.contains('CLI_OVER_PROJECT: cli') : '-D wins over project properties'
assert config.contains('PROJECT_OVER_ENV: project') : 'project properties win over the environment'
// unlike docker stack deploy (moby#29133), a .env beside the first compose file is read, last
assert config.contains('FROM_DOTENV: dotenv')
assert config.contains('ENV_OVER_DOTENV: env') : 'the environment wins over .env'
assert config.contains('DEFAULTED: fallback')
assert config.contains('ESCAPED: $HOME')
assert result.stack.contains('$$HOME') : 'a literal $ stays escaped in the stack file'
